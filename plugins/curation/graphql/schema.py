import graphene


class CurationQueries(graphene.ObjectType):
    pass


class CurationMutations(graphene.ObjectType):
    pass
