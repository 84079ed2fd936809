from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=50)
    price = models.DecimalField(max_digits=6, decimal_places=2)

    def __str__(self):
        return self.name


class Order(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="orders")
    quantity = models.PositiveIntegerField()

    def __str__(self):
        return f"{self.quantity} x {self.product}"


class Category(models.Model):
    """Seeded by a data migration (see migrations/0002_seed_categories.py)."""

    name = models.CharField(max_length=30, unique=True)

    def __str__(self):
        return self.name
