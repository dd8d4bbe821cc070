from . import report_cover_sheet
