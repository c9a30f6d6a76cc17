"""SpatialX Connector for GraalPy: the notebook's `spatialx_connector` module, backed by the Java connector.

Every method of the Java API annotated @NotebookName is reachable under its Python name, with the
notebook's keyword arguments; results are plain dicts and lists; errors are Python exceptions.
"""
import sys as _sys

# json and enum are imported on first use, not here: without a JIT, GraalPy takes seconds to import them
# (with the modules they pull in), and a script that never calls the connector or names an enum should
# not pay for that before its first line (docs/shell.md, "Runtime notes").


def _loads(text):
    import json
    return json.loads(text)


def _dumps(value):
    import json
    return json.dumps(value)


def _split(names):
    """A NUL-separated list of names from the bridge (no name contains NUL) as a list."""
    return names.split("\0") if names else []


def _member_names(target):
    return _split(_bridge.memberNames(target))


def _is_enum_member(value):
    enum = _sys.modules.get("enum")  # no enum module loaded: no enum member exists
    return enum is not None and isinstance(value, enum.Enum)


def _is_enum_type(value):
    enum = _sys.modules.get("enum")
    return enum is not None and isinstance(value, type) and issubclass(value, enum.Enum)

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
    if _is_enum_member(value):
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
    return _loads(result.json())


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
    return _result(_bridge.call(target, name, _dumps(_wire(list(args))), _dumps(_wire(kwargs))))


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
            method.__doc__ = _bridge.doc(target, name, "python")
            method._spatialx_keywords = _split(_bridge.keywordNames(target, name))
            return method
        raise AttributeError("'%s' object has no attribute '%s'; available: %s" % (
            _bridge.typeName(target), name, ", ".join(_member_names(target))))

    def __setattr__(self, name, value):
        raise AttributeError("'%s' attributes are read-only" % _bridge.typeName(self._target))

    def __dir__(self):
        return _member_names(self._target)

    def __repr__(self):
        if _bridge.kind(self._target, "__repr__") is not None:
            return _invoke(self._target, "__repr__", (), {})
        return "<%s>" % _bridge.typeName(self._target)

    @property
    def __doc__(self):
        return _bridge.docOf(self._target, "python")


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


# The api's enums (Species, Technologies, ...) are made on first use by the module's __getattr__ (PEP 562),
# so that importing this module does not import enum. `from spatialx_connector import *` makes them all.
_ENUM_NAMES = frozenset(_split(_bridge.enumNames()))
# The notebook's misspelling is the SDK's class name; the correct spelling is the same enum (protocol 5.7).
_ENUM_ALIASES = {"TranscriptsSubmission": "TrasncriptsSubmission"}


def __getattr__(name):
    enum_name = _ENUM_ALIASES.get(name, name)
    if enum_name not in _ENUM_NAMES:
        raise AttributeError("module %r has no attribute %r" % (__name__, name))
    import enum
    for made_name, members in _loads(_bridge.enumsJson()).items():
        globals().setdefault(made_name, enum.Enum(made_name, list(members.items()), module=__name__))
    for alias, target in _ENUM_ALIASES.items():
        globals()[alias] = globals()[target]
    return globals()[name]


def __dir__():
    return sorted(set(globals()) | _ENUM_NAMES | set(_ENUM_ALIASES))


__all__ += sorted(_ENUM_NAMES)

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
    """(file, line) of the innermost frame of the user's code in a Python exception's traceback.

    The standard library (GraalPy's home, unpacked in the language cache) is not the user's code: a
    TypeError raised inside json.dumps is reported at the user's line that called it.
    """
    import sys
    if isinstance(error, SyntaxError) and error.filename and error.lineno:
        return (error.filename, error.lineno)
    homes = tuple(prefix for prefix in {sys.prefix, sys.base_prefix, sys.exec_prefix} if prefix)
    location = None
    library_location = None
    tb = getattr(error, "__traceback__", None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename != __file__ and not filename.startswith("<"):
            if homes and filename.startswith(homes):
                library_location = (filename, tb.tb_lineno)
            else:
                location = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return location or library_location


class _Quitter(object):
    """exit() and quit(), as Python's site module defines them (GraalPy embedded starts without it)."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Use %s() or Ctrl-D (i.e. EOF) to exit" % self.name

    def __call__(self, code=None):
        raise SystemExit(code)


def _install_quitters():
    import builtins
    for name in ("exit", "quit"):
        if not hasattr(builtins, name):
            setattr(builtins, name, _Quitter(name))


def _repl_exec(source, filename, namespace):
    """Runs REPL input (several statements allowed) and prints the repr of a final expression.

    Returns the exit status when the input asked to leave (exit(), sys.exit(n)), else None.
    """
    import ast
    import builtins
    tree = ast.parse(source, filename, "exec")
    last = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        last = ast.Expression(tree.body.pop().value)
    try:
        exec(compile(tree, filename, "exec"), namespace)
        if last is not None:
            value = eval(compile(last, filename, "eval"), namespace)
            if value is not None:
                builtins._ = value
                print(repr(value))
    except SystemExit as leaving:
        # Returned, not raised: GraalPy reports a SystemExit raised through a call from Java with status 1.
        if leaving.code is None or isinstance(leaving.code, int):
            return leaving.code or 0
        print(leaving.code)
        return 1
    return None


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
        if _is_enum_type(value):
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
        # not value.__doc__: SpatialXConnector's class docstring would hide the calls
        print(_bridge.docOf(object.__getattribute__(value, "_target"), "python"))
    elif callable(value) and hasattr(value, "_spatialx_keywords"):
        print(value.__doc__)
    elif _is_enum_type(value):
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
