// SpatialX Connector for GraalJS: the notebook's names as globals, backed by the Java connector.
// Evaluated as a function of the bridge (org.spatialx.shell.script.ScriptBridge) and the global object.
(function (bridge, global) {
  "use strict";

  class SpatialXError extends Error {
    constructor(message) { super(message); this.name = "SpatialXError"; }
  }
  const ERRORS = { TypeError: TypeError, ValueError: RangeError, KeyError: RangeError, IndexError: RangeError,
    SpatialXError: SpatialXError };
  const LOOKUPS = ["KeyError", "IndexError"];
  const TARGET = Symbol("spatialx.target");
  const ENUM_MEMBER = Symbol("spatialx.enum");

  // "Species.HUMAN" -> "human": an enum member used as an object key ({[SubmissionElementKeys.MPP]: 1})
  // becomes that text; the wire needs its value (protocol 1.4), as a member used as a value does.
  const MEMBER_KEYS = new Map();

  function replacer(key, value) {
    if (value !== null && typeof value === "object" && value[TARGET] !== undefined) {
      throw new TypeError("a " + bridge.typeName(value[TARGET]) + " object cannot be passed as an argument");
    }
    if (isPlainObject(value) && Object.keys(value).some((k) => MEMBER_KEYS.has(k))) {
      const renamed = {};
      for (const [k, v] of Object.entries(value)) {
        renamed[MEMBER_KEYS.has(k) ? String(MEMBER_KEYS.get(k)) : k] = v;
      }
      return renamed;
    }
    return value;
  }

  function result(r) {
    const error = r.error();
    if (error !== null && error !== undefined) {
      const type = r.errorType();
      if (type === "KeyboardInterrupt") {
        const e = new Error(error); e.name = "Cancelled"; throw e;
      }
      const thrown = new (ERRORS[type] || SpatialXError)(error);
      if (LOOKUPS.includes(type)) thrown.lookup = true; // a missing key or index: undefined when indexing
      throw thrown;
    }
    const target = r.target();
    if (target !== null && target !== undefined) {
      return bound(target);
    }
    return JSON.parse(r.json());
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value)
      && Object.getPrototypeOf(value) === Object.prototype && value[TARGET] === undefined;
  }

  function call(target, name, args, kwargs) {
    return result(bridge.call(target, name, JSON.stringify(args, replacer), JSON.stringify(kwargs, replacer)));
  }

  function invoke(target, name, args) {
    let kwargs = {};
    if (args.length > 0 && isPlainObject(args[args.length - 1])) {
      // A trailing plain object naming at least one keyword is the keyword arguments, e.g.
      // connector.parse_data_information({data_name, technology, data_path}); a misspelt name
      // among them then gets the "unexpected keyword" error listing the accepted ones. An object
      // naming no keyword at all is a positional value (a dict argument such as args).
      const accepted = JSON.parse(bridge.keywordsJson(target, name));
      const last = args[args.length - 1];
      if (Object.keys(last).some((k) => accepted.includes(k))) {
        kwargs = last;
        args = args.slice(0, -1);
      }
    }
    return call(target, name, args, kwargs);
  }

  // A Java object with __getitem__ indexes like an object or array (studies[0], study["study_id"]);
  // with __len__ it has a length and iterates; __repr__ is its toString (format_print shows it).
  function bound(target) {
    const typeName = bridge.typeName(target);
    const indexable = bridge.kind(target, "__getitem__") !== null;
    const sized = bridge.kind(target, "__len__") !== null;
    const text = bridge.kind(target, "__repr__") !== null ? () => call(target, "__repr__", [], {})
      : () => "[" + typeName + "]";
    const length = () => call(target, "__len__", [], {});
    function item(key) {
      try {
        return call(target, "__getitem__", [key], {});
      } catch (e) {
        if (e.lookup) return undefined;
        throw e;
      }
    }
    return new Proxy({}, {
      get(_, name) {
        if (name === TARGET) return target;
        if (name === Symbol.iterator && sized) {
          return function* () {
            const n = length();
            for (let i = 0; i < n; i++) yield call(target, "__getitem__", [i], {});
          };
        }
        if (typeof name === "symbol") return undefined;
        if (name === "toString" || name === "inspect") return text;
        if (name === "help") return () => bridge.docOf(target);
        const kind = bridge.kind(target, name);
        if (kind === "property") return invoke(target, name, []);
        if (kind === "method") {
          const method = (...args) => invoke(target, name, args);
          method.help = () => bridge.doc(target, name);
          method.keywords = JSON.parse(bridge.keywordsJson(target, name));
          return method;
        }
        if (name === "then") return undefined; // not a promise
        if (name === "length" && sized) return length();
        if (indexable) return item(/^-?[0-9]+$/.test(name) ? Number(name) : name);
        throw new TypeError("'" + typeName + "' has no attribute '" + name + "'; available: "
          + JSON.parse(bridge.namesJson(target)).join(", "));
      },
      has(_, name) { return typeof name === "string" && bridge.kind(target, name) !== null; },
      ownKeys() { return JSON.parse(bridge.namesJson(target)); },
      getOwnPropertyDescriptor(_, name) {
        return { enumerable: true, configurable: true, value: undefined };
      },
      set() { throw new TypeError("'" + typeName + "' attributes are read-only"); },
    });
  }

  // The module functions bound in Java: SpatialXConnector, render_spatial, temporary_folder, ...
  const module = bridge.module();

  function SpatialXConnector(options) {
    const kwargs = Object.assign({}, options || {});
    kwargs.domain = String(kwargs.domain || "");
    kwargs.token = String(kwargs.token || "");
    return call(module, "SpatialXConnector", [], kwargs);
  }

  function makeEnum(enumName, members) {
    const type = {};
    for (const [name, value] of Object.entries(members)) {
      MEMBER_KEYS.set(enumName + "." + name, value);
      type[name] = Object.freeze({
        name, value,
        toString() { return enumName + "." + name; },
        toJSON() { return value; },
        [ENUM_MEMBER]: true,
      });
    }
    Object.defineProperty(type, "toString", { value: () => "<enum " + enumName + ">" });
    Object.defineProperty(type, "members", { value: () => Object.values(type) });
    return Object.freeze(type);
  }

  // parse_to_str's argument as JSON (a JSON.stringify replacer): arrays and plain objects as they
  // are, null and undefined as None, anything else as its String() text (numbers as JavaScript
  // writes them, enum members as Species.HUMAN).
  function printable(key, value) {
    const original = this[key];
    if (original === null || original === undefined) return null;
    if (typeof original === "boolean" || Array.isArray(original)
      || (isPlainObject(original) && original[ENUM_MEMBER] === undefined)) return original;
    return String(original);
  }

  // The text format_print prints (protocol section 10), as the Java connector's FormatPrint renders it.
  function parse_to_str(value, level) {
    return result(bridge.call(module, "parse_to_str", JSON.stringify([value], printable),
      JSON.stringify({ level: level || 0 })));
  }

  const api = {
    SpatialXConnector,
    SpatialXError,
    local: (options) => SpatialXConnector(Object.assign({}, options || {}, { domain: "" })),
    parse_to_str,
    format_print: (value) => console.log(parse_to_str(value)),
    help: (value) => {
      const text = value && typeof value.help === "function" ? value.help()
        : "Type help(connector) or help(connector.method).";
      console.log(text);
    },
  };
  for (const [enumName, members] of Object.entries(JSON.parse(bridge.enumsJson()))) {
    api[enumName] = makeEnum(enumName, members);
  }
  api.TranscriptsSubmission = api.TrasncriptsSubmission;
  const functions = bound(module);
  for (const name of JSON.parse(bridge.namesJson(module))) {
    if (!(name in api)) api[name] = functions[name];
  }
  // Completions of the word before the cursor (the REPL's tab key): members, enum members,
  // keyword names of an open call, globals.
  function complete(line) {
    const word = (line.match(/[A-Za-z_$][\w.$]*$/) || [""])[0];
    // Indirect eval sees the REPL's top-level const/let declarations, which are not properties of globalThis.
    const lookup = (path) => (0, eval)(path);
    let candidates = [];
    const call = line.match(/([A-Za-z_$][\w.$]*)\(([^()]*)$/);
    if (call && !word.includes(".")) {
      let fn;
      try { fn = lookup(call[1]); } catch (e) { fn = undefined; }
      const keywords = (fn && fn.keywords) || [];
      candidates = candidates.concat(keywords.filter((k) => k.startsWith(word)).map((k) => k + ": "));
    }
    if (word.includes(".")) {
      const base = word.slice(0, word.lastIndexOf("."));
      const prefix = word.slice(word.lastIndexOf(".") + 1);
      let value;
      try { value = lookup(base); } catch (e) { return candidates; }
      if (value == null) return candidates;
      const names = typeof value === "object" || typeof value === "function" ? Reflect.ownKeys(value).filter((k) => typeof k === "string") : [];
      return candidates.concat([...new Set(names)].sort().filter((n) => n.startsWith(prefix)).map((n) => base + "." + n));
    }
    const names = Object.getOwnPropertyNames(global).filter((n) => n.startsWith(word) && !n.startsWith("_"));
    return candidates.concat(names.sort());
  }
  Object.defineProperty(global, "__spatialx_complete", { value: complete });

  const argv = JSON.parse(bridge.argvJson());
  const env = JSON.parse(bridge.envJson());
  Object.assign(global, api, { argv, env, spatialx_connector: Object.freeze(Object.assign({}, api)) });
})
