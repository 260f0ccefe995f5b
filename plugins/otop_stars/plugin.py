from saleor.plugins.base_plugin import BasePlugin


class OtopStarsPlugin(BasePlugin):
    PLUGIN_ID = "otop.stars"
    PLUGIN_NAME = "OTOP star ratings"
    DEFAULT_ACTIVE = True
    DEFAULT_CONFIGURATION = []
    CONFIG_STRUCTURE = {}
