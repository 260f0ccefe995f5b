"""A plugin's settings, each declared once.

A plugin's configuration is a frozen dataclass whose fields are declared with `setting(...)`:
label, help text, Saleor's field type, the default as Saleor stores it, and the parser that
turns a stored value into the typed one (raising ValueError with a message for the staff
member when it cannot). From that one declaration `PluginSettings` gives Saleor's
DEFAULT_CONFIGURATION and CONFIG_STRUCTURE, the typed configuration of stored items, the
errors of `validate_plugin_configuration`, and `SettingsPlugin.settings_read`, the one way to
read a plugin's configuration from anywhere.

    @dataclass(frozen=True)
    class StarsConfiguration:
        minimum_listing_stars: int = setting(
            label="Minimum stars to be listed", help_text="...", default="3", parse=parse_stars)
        active: bool = True

    class OtopStarsPlugin(SettingsPlugin):
        PLUGIN_ID = "otop.stars"
        SETTINGS = PluginSettings(StarsConfiguration)

Reading is lenient, validation strict: a stored value that does not parse (it can only get
there past `validate_plugin_configuration`) reads as the default; a field missing from the
stored items reads as its default and is not validated (Saleor stores every field).
"""
import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from saleor.plugins.base_plugin import BasePlugin, ConfigurationTypeField
from saleor.plugins.error_codes import PluginErrorCode

Parse = Callable[[Any], Any]
_METADATA_KEY = "otop_setting"


@dataclasses.dataclass(frozen=True)
class Setting:
    name: str
    label: str
    help_text: str
    # As Saleor stores it in DEFAULT_CONFIGURATION: a text, or a bool for BOOLEAN fields.
    default: Any
    parse: Parse
    type: str = ConfigurationTypeField.STRING


def setting(*, label: str, help_text: str, default: Any, parse: Parse, type: str = ConfigurationTypeField.STRING):
    """A dataclass field that is also a Saleor configuration field (named as the attribute)."""
    declared = {"label": label, "help_text": help_text, "default": default, "parse": parse, "type": type}
    return dataclasses.field(default_factory=lambda: parse(default), metadata={_METADATA_KEY: declared})


class PluginSettings:
    def __init__(self, configuration_class: type):
        if not dataclasses.is_dataclass(configuration_class):
            raise TypeError(f"{configuration_class.__name__} must be a dataclass")
        self.configuration_class = configuration_class
        self.fields: list[Setting] = [
            Setting(name=field.name, **field.metadata[_METADATA_KEY])
            for field in dataclasses.fields(configuration_class)
            if _METADATA_KEY in field.metadata
        ]
        self._has_active = any(field.name == "active" for field in dataclasses.fields(configuration_class))

    def default_configuration(self) -> list[dict]:
        return [{"name": field.name, "value": field.default} for field in self.fields]

    def config_structure(self) -> dict[str, dict]:
        return {
            field.name: {"type": field.type, "help_text": field.help_text, "label": field.label}
            for field in self.fields
        }

    def from_items(self, items: Sequence[Mapping] | None, *, active: bool = True):
        """The typed configuration of Saleor's stored items."""
        values = _values(items)
        parsed = {}
        for field in self.fields:
            if values.get(field.name) is None:
                continue
            try:
                parsed[field.name] = field.parse(values[field.name])
            except ValueError:
                continue
        if self._has_active:
            parsed["active"] = active
        return self.configuration_class(**parsed)

    def errors(self, items: Sequence[Mapping] | None) -> dict[str, ValidationError]:
        """One ValidationError per field whose stored value does not parse, by field name."""
        values = _values(items)
        errors = {}
        for field in self.fields:
            if field.name not in values:
                continue
            try:
                field.parse(values[field.name])
            except ValueError as error:
                errors[field.name] = ValidationError(str(error), code=PluginErrorCode.INVALID.value)
        return errors


def _values(items: Sequence[Mapping] | None) -> dict[str, Any]:
    return {item["name"]: item.get("value") for item in items or []}


class SettingsPlugin(BasePlugin):
    """A Saleor plugin configured by its `SETTINGS`; the typed configuration is on the
    attribute SETTINGS_ATTRIBUTE of each instance."""

    SETTINGS: ClassVar[PluginSettings]
    SETTINGS_ATTRIBUTE: ClassVar[str] = "config"

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        declared = cls.__dict__.get("SETTINGS")
        if declared is not None:
            cls.DEFAULT_CONFIGURATION = declared.default_configuration()
            cls.CONFIG_STRUCTURE = declared.config_structure()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        setattr(self, self.SETTINGS_ATTRIBUTE, self.SETTINGS.from_items(self.configuration, active=self.active))

    @classmethod
    def configuration_errors(cls, plugin_configuration) -> dict[str, ValidationError]:
        """Errors by field; a plugin with rules across fields extends this."""
        return cls.SETTINGS.errors(plugin_configuration.configuration)

    @classmethod
    def validate_plugin_configuration(cls, plugin_configuration):
        errors = cls.configuration_errors(plugin_configuration)
        if errors:
            raise ValidationError(errors)

    @classmethod
    def settings_read(cls, *, plugins=None):
        """The plugin's typed configuration: from a request's plugins manager when given (no
        query), else from Saleor's stored configuration (one query), else the defaults."""
        if plugins is not None:
            plugin = plugins.get_plugin(cls.PLUGIN_ID)
            if isinstance(plugin, cls):
                return getattr(plugin, cls.SETTINGS_ATTRIBUTE)
        from saleor.plugins.models import PluginConfiguration

        stored = PluginConfiguration.objects.filter(identifier=cls.PLUGIN_ID).first()
        if stored is None:
            return cls.SETTINGS.from_items(cls.DEFAULT_CONFIGURATION, active=cls.get_default_active())
        return cls.SETTINGS.from_items(stored.configuration, active=stored.active)


def parse_boolean(raw) -> bool:
    """A BOOLEAN field: Saleor stores true or false (pluginUpdate turns "true"/"false" into them)."""
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text not in ("true", "false"):
        raise ValueError("Must be true or false.")
    return text == "true"


def parse_whole_number(raw, *, minimum: int, maximum: int | None = None, message: str) -> int:
    """A whole number from `minimum` to `maximum` (no maximum: unbounded); `message` is the
    error, formatted with `raw`."""
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        raise ValueError(message.format(raw=raw)) from None
    if value < minimum or (maximum is not None and value > maximum):
        raise ValueError(message.format(raw=raw))
    return value
