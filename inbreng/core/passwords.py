"""Django's password validators, with texts from our own catalogue.

Django's texts change between releases (6.1 reworded the minimum length message, and its
Dutch catalogue did not follow), and its Dutch is formal ("uw"), where Inbreng says "je". The
rules stay Django's; only what people read is ours, so the translation tests see every word.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short. Use at least %(min_length)d character.",
            "This password is too short. Use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Use at least %(min_length)d character.",
            "Use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        # Django fills in which detail it looks like (%(verbose_name)s) when it raises.
        return _("This password looks too much like your %(verbose_name)s.")

    def get_help_text(self) -> str:
        return _("Do not use your name, login name or e-mail address.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Many people use this password. Choose another one.")

    def get_help_text(self) -> str:
        return _("Do not use a password that many people use.")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("This password has only numbers. Add letters too.")

    def get_help_text(self) -> str:
        return _("Do not use only numbers.")
