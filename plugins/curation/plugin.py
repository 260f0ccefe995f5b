from saleor.plugins.base_plugin import BasePlugin


class CurationPlugin(BasePlugin):
    PLUGIN_ID = "otop.curation"
    PLUGIN_NAME = "OTOP curation"
    DEFAULT_ACTIVE = True
    DEFAULT_CONFIGURATION = []
    CONFIG_STRUCTURE = {}
