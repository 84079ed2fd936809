from django.contrib.auth import views
from django.urls import include, path

# A second password-reset pair, configured through as_view() arguments, for the options tests.
custom_reset = views.PasswordResetView.as_view(
    subject_template_name="registration/custom_reset_subject.txt",
    email_template_name="registration/custom_reset_email.txt",
    html_email_template_name="registration/custom_reset_email.html",
    extra_email_context={"brand": "Acme & Co"},
    from_email="help@acme.example",
    success_url="/custom/sent/",
)
custom_confirm = views.PasswordResetConfirmView.as_view(
    post_reset_login=True,
    post_reset_login_backend="django.contrib.auth.backends.AllowAllUsersModelBackend",
    success_url="/custom/complete/",
)

urlpatterns = [
    path("accounts/", include("django.contrib.auth.urls")),
    path("login/bounce/", views.LoginView.as_view(redirect_authenticated_user=True), name="bounce_login"),
    path(
        "login/partner/",
        views.LoginView.as_view(
            success_url_allowed_hosts={"partner.example"}, extra_context={"brand": "Acme"}
        ),
    ),
    path("logout/next-page/", views.LogoutView.as_view(next_page="/bye/")),
    path("custom/reset/", custom_reset, name="custom_reset"),
    path("custom/reset/<uidb64>/<token>/", custom_confirm, name="custom_reset_confirm"),
]
