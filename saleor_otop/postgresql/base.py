from django.db.backends.postgresql import base, creation

UTF8_LOCALE = "C.UTF-8"


class DatabaseCreation(creation.DatabaseCreation):
    def sql_table_creation_suffix(self):
        test_settings = self.connection.settings_dict["TEST"]
        if test_settings.get("TEMPLATE") or test_settings.get("CHARSET"):
            return super().sql_table_creation_suffix()
        return f" ENCODING 'UTF8' LC_COLLATE '{UTF8_LOCALE}' LC_CTYPE '{UTF8_LOCALE}' TEMPLATE template0"


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
