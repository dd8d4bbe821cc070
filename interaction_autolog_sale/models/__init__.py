from . import payment_transaction
from . import sale_order
