from saleor.plugins.base_plugin import BasePlugin


class ProducerChannelsPlugin(BasePlugin):
    PLUGIN_ID = "otop.producer_channels"
    PLUGIN_NAME = "OTOP producer channels"
    DEFAULT_ACTIVE = True
    DEFAULT_CONFIGURATION = []
    CONFIG_STRUCTURE = {}
