import shop.module_that_does_not_exist  # noqa: F401 - the runner must report this and go on
