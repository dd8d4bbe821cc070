from . import test_blanket_order_interactions
