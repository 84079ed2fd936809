from django import forms
from django.core.exceptions import ValidationError

from .models import Product


class SkuField(forms.CharField):
    """A stock-keeping unit: three letters, a dash and digits, stored upper-case."""

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return value
        letters, dash, digits = value.partition("-")
        if not (dash and len(letters) == 3 and letters.isalpha() and digits.isdigit()):
            raise ValidationError("Enter a SKU like ABC-123.", code="invalid")
        return value.upper()


class ProductForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = ["name", "price"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name") == "free" and cleaned.get("price"):
            raise ValidationError("A free product cannot have a price.")
        return cleaned


class OrderLineForm(forms.Form):
    sku = SkuField()
    quantity = forms.IntegerField(min_value=1)


class BaseOrderLineFormSet(forms.BaseFormSet):
    def clean(self):
        skus = [form.cleaned_data.get("sku") for form in self.forms if form.cleaned_data]
        if len(skus) != len(set(skus)):
            raise ValidationError("Each SKU may appear only once.")


OrderLineFormSet = forms.formset_factory(OrderLineForm, formset=BaseOrderLineFormSet, extra=0)
