"""Email backends: smtp, console, filebased, locmem, dummy."""
