"""Jinja2 environment: i18n callables, formatting filters and globals shared by every template.

Every page repeats the same layout (menu, footer, language switch), whose text is `_("...")` of a literal, and
whose links are `url_for("name")` of a constant route: evaluated on every request that was most of a page's
CPU (issue 17). So each language gets an environment of its own (`PortalEnvironment`, an overlay of the one
Litestar makes), and when a template is compiled the calls whose result cannot change during the process are
replaced by their value for that language: `_`/`gettext`/`pgettext` of literals, `url_for` of a route name with
literal parameters, `static` of a literal path and `current_language()`. Jinja's optimiser then writes them into
the compiled template as text. The rendered HTML is the same; calls with variables still run per request.

The rest of a page's rendering is made cheaper the same way, without changing a byte of it (measured in
docs/search.md, checked against plain Jinja by tests/foundation/test_templating.py): translations with
variables as plain functions, output escaped to text, the pieces of an output node and the output of blocks,
layouts and includes handed up as one string each, and compiled templates looked up in a dict. All of it
assumes autoescaping, which no template turns off.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import BuiltinFunctionType, FunctionType, MethodType
from typing import Any

from jinja2 import Environment, FileSystemLoader, TemplateNotFound, nodes
from jinja2 import Template as JinjaTemplate
from jinja2.compiler import CodeGenerator, Frame
from jinja2.runtime import Context, new_context
from litestar.enums import MediaType
from litestar.exceptions import NoRouteMatchFoundException, TemplateNotFoundException
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.response import Template as LitestarTemplate
from litestar.template import TemplateConfig
from markupsafe import Markup, escape

from portal import __version__, formatting
from portal.i18n import DEFAULT_LANGUAGE, LANGUAGES, get_language, gettext, ngettext, pgettext, translations_for
from portal.settings import ROOT

TEMPLATE_DIR = ROOT / "templates"
HTMX_SCRIPT = "vendor/htmx-2.0.11.min.js"


def static_url(path: str) -> str:
    """URL of a file under static/, versioned so browsers refetch after an upgrade."""
    return f"/static/{path}?v={__version__}"


class Template(LitestarTemplate):
    """The response of a page: Litestar's template response, HTML unless told otherwise (every template here is
    HTML). Litestar otherwise guesses the media type from the template name's suffixes on every response."""

    def __init__(
        self, template_name: str | None = None, *, media_type: MediaType | str = MediaType.HTML, **kwargs: Any
    ) -> None:
        super().__init__(template_name, media_type=media_type, **kwargs)


TEXT_PARAMETERS_KEY = "portal_route_text_parameters"


def text_parameters(app: Any, route_name: str) -> frozenset[str]:
    """The path parameters of a route that are text (looked up once per application and route)."""
    known: dict[str, frozenset[str]] = app.state.setdefault(TEXT_PARAMETERS_KEY, {})
    found = known.get(route_name)
    if found is None:
        index = app.get_handler_index_by_name(route_name)
        if index is None:
            raise NoRouteMatchFoundException(f"Route {route_name} can not be found")
        found = known[route_name] = frozenset(
            name
            for route in app.asgi_router.route_mapping[index["identifier"]]
            for name, definition in route.path_parameters.items()
            if definition.type is str
        )
    return found


def route_path(app: Any, route_name: str, path_parameters: Mapping[str, Any]) -> str:
    """The path of the route named ``route_name`` (see `url_for`)."""
    text_parameters_ = text_parameters(app, route_name)
    values = {
        name: str(value) if name in text_parameters_ and isinstance(value, int) else value
        for name, value in path_parameters.items()
    }
    return app.route_reverse(route_name, **values)


def url_for(context: Mapping[str, Any], /, route_name: str, **path_parameters: Any) -> str:
    """The path of the route named ``route_name``: templates build every internal URL with it
    (``tests/foundation/test_template_urls.py`` fails on a literal one). An unknown name or a missing parameter
    raises ``NoRouteMatchFoundException``. Numbers are accepted for text parameters (the year in
    ``/staf/hasil-evaluasi/{period:str}``, which also takes ``2026.xlsx``)."""
    return route_path(context["request"].app, route_name, path_parameters)


def _translated(language: str, name: str, args: list[Any]) -> Markup:
    """What jinja2.ext's new-style `gettext`/`pgettext` return in an autoescaped template for literal
    arguments and no variables (the result is a format string, so "%%" becomes "%")."""
    translations = translations_for(language) if language != DEFAULT_LANGUAGE else None
    if name == "pgettext":
        context, message = args
        text = translations.pgettext(context, message) if translations else message
        return Markup(text) % {"context": context}  # noqa: S704 - catalogue text, as jinja2.ext marks it
    (message,) = args
    text = translations.gettext(message) if translations else message
    return Markup(text) % {}  # noqa: S704 - catalogue text, as jinja2.ext marks it


NUMBERS = (int, float, Decimal)


def _formatted(text: str, variables: dict[str, Any]) -> Markup:
    """`Markup(text) % variables`, which jinja2.ext's new-style gettext returns in an autoescaped template,
    without markupsafe's helper object per value: other values are escaped first, numbers stay numbers (for
    `%(n)d`). The text is always formatted, so "%%" becomes "%" as in Jinja."""
    return Markup(  # noqa: S704 - catalogue text, as jinja2.ext marks it
        text % {name: value if isinstance(value, NUMBERS) else escape(value) for name, value in variables.items()}
    )


def template_gettext(message: str, **variables: Any) -> Markup:
    """`_()` / `gettext()` in templates (with variables; literal calls are folded at compile time)."""
    return _formatted(gettext(message), variables)


def template_ngettext(singular: str, plural: str, num: int, **variables: Any) -> Markup:
    """`ngettext()` and `{% trans %}...{% pluralize %}` in templates."""
    variables.setdefault("num", num)
    return _formatted(ngettext(singular, plural, num), variables)


def template_pgettext(context: str, message: str, **variables: Any) -> Markup:
    variables.setdefault("context", context)
    return _formatted(pgettext(context, message), variables)


FOLDED_CALLS = frozenset({"_", "gettext", "pgettext", "url_for", "static", "current_language"})
DICT_ATTRIBUTES = frozenset(dir(dict))  # a plain dict has no attributes but these (no instance __dict__)


PLAIN_CALLABLES = (FunctionType, MethodType, BuiltinFunctionType)


class PortalContext(Context):
    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        """Jinja's, with a short way for plain functions and methods (no `pass_context` & co.): the same call
        without the checks for the arguments Jinja would inject."""
        if type(__obj) in PLAIN_CALLABLES and getattr(__obj, "jinja_pass_arg", None) is None:
            kwargs.pop("_block_vars", None)
            kwargs.pop("_loop_vars", None)
            try:
                return __obj(*args, **kwargs)
            except StopIteration:
                return __self.environment.undefined(
                    "value was undefined because a callable raised a StopIteration exception"
                )
        return super().call(__obj, *args, **kwargs)


try:
    from markupsafe import _escape_inner  # markupsafe's C escaping of a str (what `escape` wraps in Markup)
except ImportError:  # pragma: no cover - a markupsafe without it: the same replacements in Python

    def _escape_inner(text: str, /) -> str:
        return (
            text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;")
            .replace('"', "&#34;")
        )  # fmt: skip


def output_escape(value: Any) -> str:
    """What an autoescaped `{{ value }}` writes: markupsafe's `escape`, as text. Jinja only ever joins what it
    escapes for output (into the page, a block or a macro's result, which it marks safe itself), so the Markup
    object `escape` makes for every string is not needed."""
    if type(value) is str:
        return _escape_inner(value)
    if type(value) is Markup:
        return value
    return escape(value)


def fee_html(amount: int | float | None, big: bool = False) -> Markup:
    """The `fee` filter: a service's fee as every page shows it, "Gratis" marked `fee-free`; `big` on its own page."""
    classes = ("fee " if big else "") + ("" if amount else "fee-free")
    return Markup(f'<span class="{classes}">{_escape_inner(formatting.rupiah(amount))}</span>')  # noqa: S704 - escaped


class PortalTemplate(JinjaTemplate):
    @classmethod
    def _from_namespace(cls, environment: Any, namespace: Any, globals: Any) -> Any:
        """Jinja's, with the compiled template's `escape` (used only for output) replaced by `output_escape`."""
        if environment.autoescape is True and namespace.get("escape") is escape:
            namespace["escape"] = output_escape
        return super()._from_namespace(environment, namespace, globals)

    def _plain_globals(self) -> Any:
        """The environment's globals dict when this template adds none of its own (always, here): the same
        names and values as Jinja's chained mapping, which contexts otherwise copy key by key in Python."""
        maps = getattr(self.globals, "maps", None)
        if maps is not None and len(maps) == 2 and not maps[0] and maps[1] is self.environment.globals:
            return self.environment.globals
        return self.globals

    def new_context(self, vars: Any = None, shared: bool = False, locals: Any = None) -> Any:
        return new_context(self.environment, self.name, self.blocks, vars, shared, self._plain_globals(), locals)

    def _get_default_module(self, ctx: Any = None) -> Any:
        """Jinja's, without its set difference over chained mappings on every `{% from ... import %}` when
        the importing template's globals are all the environment's (always, here): the cached module is
        then the one Jinja would return."""
        if ctx is not None and not ctx.globals_keys <= self.environment.globals.keys():
            return super()._get_default_module(ctx)
        if self._module is None:
            self._module = self.make_module()
        return self._module


class PortalCodeGenerator(CodeGenerator):
    def visit_Output(self, node: nodes.Output, frame: Frame) -> None:
        """Jinja's, except that outside a buffer (a page's or block's own output) the pieces of one output
        node (text, `{{ ... }}`, more text) are yielded joined, as one string: every yield passes through
        each generator of the template, its parents and its includes. The pieces and their order are the
        same, so the page is too."""
        if frame.buffer is not None:
            super().visit_Output(node, frame)
            return
        if frame.require_output_check:
            if self.has_known_extends:
                return
            self.writeline("if parent_template is None:")
            self.indent()
        finalize = self._make_finalize()
        body: list[list[Any] | nodes.Expr] = []
        for child in node.nodes:  # constants evaluated now where possible, as Jinja does
            try:
                if not (finalize.const or isinstance(child, nodes.TemplateData)):
                    raise nodes.Impossible()
                const = self._output_child_to_const(child, frame, finalize)
            except (nodes.Impossible, Exception):
                body.append(child)
                continue
            if body and isinstance(body[-1], list):
                body[-1].append(const)
            else:
                body.append([const])
        joined = len(body) > 1
        if joined:
            self.writeline("yield environment.concat((")
            self.indent()
        for item in body:
            if isinstance(item, list):
                value = self._output_const_repr(item)
                self.writeline(value + "," if joined else "yield " + value)
            else:
                if joined:
                    self.newline(item)
                else:
                    self.writeline("yield ", item)
                self._output_child_pre(item, frame, finalize)
                self.visit(item, frame)
                self._output_child_post(item, frame, finalize)
                if joined:
                    self.write(",")
        if joined:
            self.outdent()
            self.writeline("))")
        if frame.require_output_check:
            self.outdent()


# In the Python source Jinja writes for a template (jinja2.compiler, 3.1): a block or the parent layout
# rendered in place, and the loop over an included template's output.
DELEGATION = re.compile(
    r"^( *)yield from (context\.blocks\[[^\n]*\]\[0\]\([^\n]*\)|parent_template\.root_render_func\(context\))$",
    re.MULTILINE,
)
INCLUDE_LOOP = re.compile(r"^( *)for event in gen:\n\1    yield event$", re.MULTILINE)


class PortalEnvironment(Environment):
    """A Jinja environment for one language that compiles constant calls into text (see the module doc)."""

    language: str = DEFAULT_LANGUAGE
    # Set by `bind_routes` once the application exists; templates compiled before that keep `url_for` calls.
    route_resolver: Callable[[str, Mapping[str, Any]], str] | None = None

    template_class = PortalTemplate
    context_class = PortalContext
    code_generator_class = PortalCodeGenerator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Compiled templates by (language, name) when they are not reloaded; the language overlays share it.
        self.compiled: dict[tuple[str, str], JinjaTemplate] = {}

    def get_template(self, name: Any, parent: str | None = None, globals: Any = None) -> Any:
        """Jinja's, from a plain dict once compiled when templates are not reloaded (outside development).
        Jinja's LRU cache takes a lock and moves the name to the end of a queue on every look-up, a scan of
        every template loaded so far: with the portal's 91 templates loaded, the four look-ups of a page
        (the page, its layout, two includes) cost ~9 µs."""
        if globals is not None or self.auto_reload or type(name) is not str:
            return super().get_template(name, parent, globals)
        if parent is not None:
            name = self.join_path(name, parent)
        key = (self.language, name)
        template = self.compiled.get(key)
        if template is None:
            template = self.compiled[key] = super().get_template(name)
        return template

    def _generate(
        self, source: nodes.Template, name: str | None, filename: str | None, defer_init: bool = False
    ) -> str:
        """Jinja's Python source for a template, where a block, a parent layout and an included template hand
        up their output joined into one string instead of piece by piece through every generator above them
        (each piece of a page otherwise passed through the page's, the layout's and the block's generator).
        Lines keep their numbers, so errors still point at the right template line."""
        code = super()._generate(source, name, filename, defer_init)
        if self.is_async:
            return code
        code = DELEGATION.sub(r"\1yield environment.concat(\2)", code)
        return INCLUDE_LOOP.sub(r"\1yield environment.concat(gen)\n\1pass", code)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`a.b` for a plain dict (query rows): its item `b`, as Jinja's getattr finds it after a failed
        attribute look-up, without raising and catching an AttributeError every time."""
        if type(obj) is dict and attribute not in DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                return self.undefined(obj=obj, name=attribute)
        try:  # Jinja's own, inline
            return getattr(obj, attribute)
        except AttributeError:
            pass
        try:
            return obj[attribute]
        except (TypeError, LookupError, AttributeError):
            return self.undefined(obj=obj, name=attribute)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        if self.autoescape is True and not any(tree.find_all(nodes.EvalContextModifier)):
            self._fold(tree)
        return tree

    def _fold(self, tree: nodes.Template) -> None:
        shadowed = {node.name for node in tree.find_all(nodes.Name) if node.ctx != "load"}
        for imported in tree.find_all(nodes.FromImport):
            shadowed.update(item if isinstance(item, str) else item[1] for item in imported.names)
        shadowed.update(imported.target for imported in tree.find_all(nodes.Import))
        foldable = FOLDED_CALLS - shadowed
        for parent in list(tree.find_all(nodes.Node)):
            for field_name, value in parent.iter_fields():
                if isinstance(value, nodes.Call):
                    folded = self._constant(value, foldable)
                    if folded is not None:
                        setattr(parent, field_name, folded)
                elif isinstance(value, list):
                    for position, item in enumerate(value):
                        if isinstance(item, nodes.Call):
                            folded = self._constant(item, foldable)
                            if folded is not None:
                                value[position] = folded

    def _constant(self, call: nodes.Call, foldable: frozenset[str]) -> nodes.Const | None:
        target = call.node
        if not isinstance(target, nodes.Name) or target.name not in foldable or call.dyn_args or call.dyn_kwargs:
            return None
        if not all(isinstance(arg, nodes.Const) for arg in call.args):
            return None
        if not all(isinstance(keyword.value, nodes.Const) for keyword in call.kwargs):
            return None
        args = [arg.value for arg in call.args]
        kwargs = {keyword.key: keyword.value.value for keyword in call.kwargs}  # type: ignore[attr-defined]
        name = target.name
        try:
            if name == "current_language" and not args and not kwargs:
                value: Any = self.language
            elif name == "static" and len(args) == 1 and isinstance(args[0], str) and not kwargs:
                value = static_url(args[0])
            elif name == "url_for" and len(args) == 1 and isinstance(args[0], str) and self.route_resolver:
                value = self.route_resolver(args[0], kwargs)
            elif name in ("_", "gettext", "pgettext") and not kwargs and all(isinstance(a, str) for a in args):
                value = _translated(self.language, "pgettext" if name == "pgettext" else "gettext", args)
            else:
                return None
        except Exception:  # left to run (and fail) at render time, as it did before
            return None
        return nodes.Const(value, lineno=call.lineno)


class PortalTemplateEngine(JinjaTemplateEngine):
    """Litestar's Jinja engine with one `PortalEnvironment` per language, chosen by the request's language."""

    def __init__(self, directory: Any = None, engine_instance: Environment | None = None) -> None:
        if directory is not None and engine_instance is None:
            engine_instance = PortalEnvironment(loader=FileSystemLoader(searchpath=directory), autoescape=True)
        super().__init__(engine_instance=engine_instance)
        self.environments: dict[str, Environment] = {DEFAULT_LANGUAGE: self.engine}

    def add_languages(self) -> None:
        """One overlay per further language (sharing filters, globals and the loader); call after configuring."""
        for language in LANGUAGES:
            if language != DEFAULT_LANGUAGE:
                overlay = self.engine.overlay()
                overlay.language = language  # type: ignore[attr-defined]
                self.environments[language] = overlay

    def bind(self, app: Any, *, reload_templates: bool) -> None:
        """Lets templates compiled from now on write constant `url_for` results as text. Without
        `reload_templates` (outside development) a compiled template is not checked against its file on every
        use (a stat per template and include on every page)."""
        for environment in self.environments.values():
            environment.route_resolver = lambda name, params: route_path(app, name, params)  # type: ignore[attr-defined]
            environment.auto_reload = reload_templates

    def environment(self) -> Environment:
        return self.environments.get(get_language(), self.engine)

    def get_template(self, template_name: str) -> Any:
        try:
            return self.environment().get_template(name=template_name)
        except TemplateNotFound as exc:
            raise TemplateNotFoundException(template_name=template_name) from exc

    def render_string(self, template_string: str, context: Mapping[str, Any]) -> str:
        return self.environment().from_string(template_string).render(context)


def configure_engine(engine: JinjaTemplateEngine) -> None:
    env = engine.engine
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True, pgettext=pgettext)  # type: ignore[attr-defined]
    # The same results as jinja2.ext's new-style callables in our autoescaped templates (no template turns
    # autoescaping off), as plain functions: Jinja calls them without its context machinery.
    env.globals.update(
        _=template_gettext, gettext=template_gettext, ngettext=template_ngettext, pgettext=template_pgettext
    )
    env.filters["rupiah"] = formatting.rupiah
    env.filters["fee"] = fee_html
    env.filters["long_date"] = formatting.long_date
    env.filters["local_datetime"] = formatting.local_datetime
    env.filters["duration"] = formatting.duration
    env.filters["phone_href"] = formatting.phone_href
    env.filters["whatsapp_href"] = formatting.whatsapp_href
    env.globals["languages"] = LANGUAGES
    env.globals["current_language"] = get_language
    env.globals["htmx_script"] = HTMX_SCRIPT
    env.globals["static"] = static_url
    engine.register_template_callable("url_for", url_for)  # replaces Litestar's (which refuses a year for a text)
    env.trim_blocks = True
    env.lstrip_blocks = True
    if isinstance(engine, PortalTemplateEngine):
        engine.add_languages()


def template_config() -> TemplateConfig:
    return TemplateConfig(directory=TEMPLATE_DIR, engine=PortalTemplateEngine, engine_callback=configure_engine)
