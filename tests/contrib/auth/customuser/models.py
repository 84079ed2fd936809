"""A custom user model (AUTH_USER_MODEL = "customuser.Customer"): e-mail as the username and two
more required fields, as a project would write it. Installed only by tty_settings_custom."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models


class CustomerManager(BaseUserManager):
    def create_user(self, email, full_name, date_of_birth, password=None, **extra):
        if not email:
            raise ValueError("Customers need an e-mail address")
        user = self.model(
            email=self.normalize_email(email), full_name=full_name, date_of_birth=date_of_birth, **extra
        )
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, full_name, date_of_birth, password=None, **extra):
        return self.create_user(
            email, full_name, date_of_birth, password, is_staff=True, is_superuser=True, **extra
        )


class Customer(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)

    objects = CustomerManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name", "date_of_birth"]
