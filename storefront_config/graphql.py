import graphene


class StorefrontConfigQueries(graphene.ObjectType):
    pass
