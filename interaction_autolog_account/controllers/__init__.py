from . import download_docs
