from pb import create_wsgi_app; app = create_wsgi_app()  # gunicorn --no-control-socket --preload wsgi:app
