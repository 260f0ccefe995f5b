import graphene


class ExportMarketsQueries(graphene.ObjectType):
    pass


class ExportMarketsMutations(graphene.ObjectType):
    pass
