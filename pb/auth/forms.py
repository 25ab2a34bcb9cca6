from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField
from wtforms.validators import DataRequired, Email, Length


def strip_whitespace(value: str | None) -> str | None:
    """Phones often add a space after an autocompleted address."""
    return value.strip() if isinstance(value, str) else value


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mail"),
        filters=[strip_whitespace],
        render_kw={"autocomplete": "username"},
        validators=[
            DataRequired(_l("Skriv din e-mailadresse.")),
            Email(_l("Det ligner ikke en e-mailadresse. Tjek, at den er skrevet rigtigt.")),
            Length(max=254),
        ],
    )
    password = PasswordField(
        _l("Adgangskode"),
        validators=[DataRequired(_l("Skriv din adgangskode."))],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()


class LogoutForm(FlaskForm):
    """Only the CSRF token: signing out is a POST so no other site can do it for you."""
