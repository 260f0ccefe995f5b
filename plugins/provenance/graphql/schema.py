import graphene


class ProvenanceQueries(graphene.ObjectType):
    pass


class ProvenanceMutations(graphene.ObjectType):
    pass
