from . import test_purchase_interactions
