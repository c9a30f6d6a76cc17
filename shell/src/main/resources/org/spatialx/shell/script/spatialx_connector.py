"""SpatialX Connector for GraalPy: the notebook's `spatialx_connector` module, backed by the Java connector.

Every method of the Java API annotated @NotebookName is reachable under its Python name, with the
notebook's keyword arguments; results are plain dicts and lists; errors are Python exceptions.
"""
import enum as _enum
import json as _json
import sys as _sys

# `_bridge` (org.spatialx.shell.script.ScriptBridge) is injected by the shell before this runs.

__all__ = ["SpatialXConnector", "SpatialXError", "format_print", "parse_to_str", "local"]


class SpatialXError(Exception):
    """An error reported by the connector or the server (the message is the connector's)."""


_ERRORS = {
    "TypeError": TypeError,
    "ValueError": ValueError,
    "KeyError": KeyError,
    "IndexError": IndexError,
    "KeyboardInterrupt": KeyboardInterrupt,
    "SpatialXError": SpatialXError,
}


def _wire(value):
    """An argument as JSON-ready data: every enum member, as a value or a dict key, at any depth,
    becomes its value (the SDK does the same before sending, protocol 1.4)."""
    if isinstance(value, _enum.Enum):
        return value.value
    if value is None or isinstance(value, (str, int, float)):
        return value
    if isinstance(value, dict):
        return {_wire(key): _wire(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_wire(item) for item in value]
    if isinstance(value, _Bound):
        raise TypeError("a %s object cannot be passed as an argument" % _bridge.typeName(value._target))
    raise TypeError("Object of type %s cannot be sent to SpatialX" % type(value).__name__)


def _result(result):
    error = result.error()
    if error is not None:
        raise _ERRORS.get(result.errorType(), SpatialXError)(error)
    target = result.target()
    if target is not None:
        return _bound(target)
    return _json.loads(result.json())


def _bound(target):
    """The Python object of a Java object: one with __getitem__ indexes (studies[0], study["study_id"]),
    one that also has __len__ is a sequence (len, iteration)."""
    if _bridge.kind(target, "__getitem__") is None:
        return _Bound(target)
    if _bridge.kind(target, "__len__") is None:
        return _Indexable(target)
    return _Sequence(target)


def _invoke(target, name, args, kwargs):
    # The connector prints to the same output (tracking lines, the Lens connection test): what the
    # script printed before the call comes first.
    _sys.stdout.flush()
    return _result(_bridge.call(target, name, _json.dumps(_wire(list(args))), _json.dumps(_wire(kwargs))))


class _Bound(object):
    """A Java object of the connector; its @NotebookName methods are its Python attributes."""

    def __init__(self, target):
        object.__setattr__(self, "_target", target)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        target = object.__getattribute__(self, "_target")
        kind = _bridge.kind(target, name)
        if kind == "property":
            return _invoke(target, name, (), {})
        if kind == "method":
            def method(*args, **kwargs):
                return _invoke(target, name, args, kwargs)
            method.__name__ = name
            method.__qualname__ = _bridge.typeName(target) + "." + name
            method.__doc__ = _bridge.doc(target, name)
            method._spatialx_keywords = _json.loads(_bridge.keywordsJson(target, name))
            return method
        raise AttributeError("'%s' object has no attribute '%s'; available: %s" % (
            _bridge.typeName(target), name, ", ".join(_json.loads(_bridge.namesJson(target)))))

    def __setattr__(self, name, value):
        raise AttributeError("'%s' attributes are read-only" % _bridge.typeName(self._target))

    def __dir__(self):
        return _json.loads(_bridge.namesJson(self._target))

    def __repr__(self):
        if _bridge.kind(self._target, "__repr__") is not None:
            return _invoke(self._target, "__repr__", (), {})
        return "<%s>" % _bridge.typeName(self._target)

    @property
    def __doc__(self):
        return _bridge.docOf(self._target)


class _Indexable(_Bound):
    """A Java object with __getitem__: a study's fields and samples, a sample's fields and data sets."""

    def __getitem__(self, key):
        return _invoke(self._target, "__getitem__", (key,), {})


class _Sequence(_Indexable):
    """An indexable Java object with __len__: len() and iteration (the Studies table, a study, a sample)."""

    def __len__(self):
        return _invoke(self._target, "__len__", (), {})

    def __iter__(self):
        for index in range(len(self)):
            yield self[index]


# The module functions bound in Java: SpatialXConnector, render_spatial, temporary_folder, ...
_module = _Bound(_bridge.module())


class SpatialXConnector(_Bound):
    """SpatialXConnector(domain, token, verify_ssl=True, authentication=None): a real server, or with an
    empty domain the local server of SPATIALX_HOME. authentication=(user, password) adds HTTP basic
    authentication to every request."""

    def __init__(self, domain="", token="", verify_ssl=None, authentication=None, **kwargs):
        kwargs.update(domain=str(domain or ""), token=str(token or ""))
        if verify_ssl is not None:
            kwargs["verify_ssl"] = verify_ssl
        if authentication is not None:
            kwargs["authentication"] = authentication
        _Bound.__init__(self, _invoke(_module._target, "SpatialXConnector", (), kwargs)._target)


def local(home=None, mounts=None):
    """The connector of the embedded local server of SPATIALX_HOME, or of `home` (started, or reused when running).

    The embedded server reads any local path you can read, so data paths need no mount. mounts={"name":
    "/local/folder"} names local folders (connector.folders): added to the server of this process even when
    it runs already; a server of another process must serve them already, or the call fails saying why.
    """
    kwargs = {}
    if home is not None:
        kwargs["home"] = str(home)
    if mounts is not None:
        kwargs["mounts"] = {str(k): str(v) for k, v in mounts.items()}
    return SpatialXConnector(**kwargs)


def _make_enums():
    made = {}
    for enum_name, members in _json.loads(_bridge.enumsJson()).items():
        made[enum_name] = _enum.Enum(enum_name, list(members.items()), module=__name__)
    return made


globals().update(_make_enums())
# The notebook's misspelling is the SDK's class name; the correct spelling is the same enum (protocol 5.7).
TranscriptsSubmission = TrasncriptsSubmission  # noqa: F821 (defined by _make_enums)
__all__ += sorted(_json.loads(_bridge.enumsJson()).keys())

# JSON has no tuples: parse_to_str's argument marks them, so that they print in parentheses.
_TUPLE = "\0tuple"


def _printable(value):
    """parse_to_str's argument as JSON: keys as their str(), tuples marked, anything not JSON as its str()."""
    if isinstance(value, dict):
        return {str(key): _printable(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return {_TUPLE: [_printable(item) for item in value]}
    if isinstance(value, list):
        return [_printable(item) for item in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    return str(value)


def parse_to_str(value, level=0):
    """The text format_print prints (protocol section 10), as the Java connector's FormatPrint renders it."""
    return _invoke(_module._target, "parse_to_str", (_printable(value),), {"level": level})


def format_print(value):
    """Prints results as the notebook does: nested dicts and lists indented by four spaces."""
    print(parse_to_str(value))


def _install_functions():
    """The module functions of _module not defined above, under their names."""
    for function_name in dir(_module):
        if function_name not in globals():
            globals()[function_name] = getattr(_module, function_name)
            __all__.append(function_name)


_install_functions()


def _user_location(error):
    """(file, line) of the innermost frame of the user's code in a Python exception's traceback."""
    location = None
    if isinstance(error, SyntaxError) and error.filename and error.lineno:
        return (error.filename, error.lineno)
    tb = getattr(error, "__traceback__", None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename != __file__ and not filename.startswith("<"):
            location = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return location


def _repl_exec(source, filename, namespace):
    """Runs REPL input (several statements allowed) and prints the repr of a final expression."""
    import ast
    import builtins
    tree = ast.parse(source, filename, "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    exec(compile(tree, filename, "exec"), namespace)
    if last is not None:
        value = eval(compile(last, filename, "eval"), namespace)
        if value is not None:
            builtins._ = value
            print(repr(value))


def _incomplete(source):
    """True while REPL input needs more lines: an open bracket or string, or a block not yet ended by a blank line."""
    import codeop
    try:
        if codeop.compile_command(source, "repl", "exec") is None:
            return True
    except SyntaxError as error:
        return any(hint in str(error) for hint in _INCOMPLETE_HINTS)
    except (ValueError, OverflowError):
        return False
    lines = source.split("\n")
    opens_block = any(line.rstrip().endswith(":") and not line.lstrip().startswith("#") for line in lines)
    return opens_block and lines[-1].strip() != ""


# Messages of SyntaxErrors that only mean "the input stops too early".
_INCOMPLETE_HINTS = ("expected an indented block", "unexpected EOF", "was never closed",
                     "unterminated triple-quoted", "incomplete input")


def _complete(line, namespace):
    """Completions of the word before the cursor: attributes, enum members, keyword names, globals."""
    import re
    word = re.search(r"[A-Za-z_][\w.]*$|$", line).group(0)
    candidates = []
    call = re.search(r"([A-Za-z_][\w.]*)\(([^()]*)$", line)
    if call is not None and "." not in word:
        try:
            function = eval(call.group(1), namespace)
        except Exception:
            function = None
        keywords = getattr(function, "_spatialx_keywords", None) or []
        candidates += [k + "=" for k in keywords if k.startswith(word)]
    if "." in word:
        base, _, prefix = word.rpartition(".")
        try:
            value = eval(base, namespace)
        except Exception:
            return candidates
        if isinstance(value, type) and issubclass(value, _enum.Enum):
            names = [member for member in value.__members__] + ["value", "name"]
        else:
            names = dir(value)
        candidates += [base + "." + n for n in sorted(set(names)) if n.startswith(prefix) and not n.startswith("_")]
    else:
        import builtins
        import keyword
        names = set(namespace) | set(dir(builtins)) | set(keyword.kwlist)
        candidates += sorted(n for n in names if n.startswith(word) and not n.startswith("_"))
    return candidates


def help(value=None):
    """help(connector.method) prints the method's signature and Javadoc."""
    if isinstance(value, _Bound):
        print(value.__doc__)
    elif callable(value) and hasattr(value, "_spatialx_keywords"):
        print(value.__doc__)
    elif isinstance(value, type) and issubclass(value, _enum.Enum):
        print(value.__name__ + ": " + ", ".join(m.name for m in value))
    elif value is None:
        print("Type help(connector), help(connector.method) or help(EnumName).")
    else:
        import builtins
        original = getattr(builtins, "_spatialx_original_help", None)
        if original is not None:
            original(value)
        else:
            print(getattr(value, "__doc__", None) or repr(value))
