from pb import create_app; app = create_app()  # gunicorn --no-control-socket wsgi:app
