from saleor.plugins.base_plugin import BasePlugin


class ExportMarketsPlugin(BasePlugin):
    PLUGIN_ID = "otop.export_markets"
    PLUGIN_NAME = "OTOP export markets"
    DEFAULT_ACTIVE = True
    DEFAULT_CONFIGURATION = []
    CONFIG_STRUCTURE = {}
