from . import test_stock_interactions
