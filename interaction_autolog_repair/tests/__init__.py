from . import test_repair_interactions
