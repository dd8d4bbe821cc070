from . import test_engine
from . import test_email
from . import test_manual_wizard
from . import test_security
from . import test_setup
from . import test_statistics
from . import test_call_wizard
from . import test_call_activity
