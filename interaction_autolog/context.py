"""Values only server code can put in a context.

A context that comes from a client (JSON-RPC) holds only JSON values: an
object of a class below in it was put there by server code.
"""

# The context key naming the document type of the emails sent in a context.
EMAIL_TYPE_KEY = "interaction_document_type"


class EmailDocumentType:
    """A document type that server code chose for the emails it sends.

    Put in the context as this object, never as a plain code: a context that
    comes from a client (JSON-RPC) holds only JSON values, so a client can
    never choose how its emails are logged (an ordinary message logged as an
    invoice sent, or under another addon's type).
    """

    __slots__ = ("code",)

    def __init__(self, code):
        self.code = code

    def __eq__(self, other):
        return isinstance(other, EmailDocumentType) and other.code == self.code

    def __hash__(self):
        return hash((EmailDocumentType, self.code))

    def __repr__(self):
        return f"EmailDocumentType({self.code!r})"
