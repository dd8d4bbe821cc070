from . import calendar_attendee
from . import calendar_event
