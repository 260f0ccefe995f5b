from django.core.management.base import BaseCommand

from saleor_otop.graphql.schema import schema


class Command(BaseCommand):
    help = "Print the GraphQL schema in SDL (the snapshot kept in schema.graphql)."

    def handle(self, *args, **options):
        self.stdout.write(str(schema), ending="\n")
