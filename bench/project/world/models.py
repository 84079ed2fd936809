from django.db import models


class World(models.Model):
    randomnumber = models.IntegerField()


class Fortune(models.Model):
    message = models.CharField(max_length=2048)


class Author(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    price = models.IntegerField(default=0)
