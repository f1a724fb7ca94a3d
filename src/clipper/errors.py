"""The one exception type stages raise for bad input; its `kind` becomes the error record's type."""


class InputError(Exception):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message

    def __reduce__(self):  # two constructor arguments: say so, so it survives a trip to a worker process
        return InputError, (self.kind, self.message)
