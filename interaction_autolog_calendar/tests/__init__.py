from . import test_meeting_invitation
