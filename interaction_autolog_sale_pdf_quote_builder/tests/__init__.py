from . import test_quote_builder_print
