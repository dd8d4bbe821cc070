from . import test_quote_builder_install
from . import test_quote_builder_print
