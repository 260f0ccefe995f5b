import graphene


class OtopStarsQueries(graphene.ObjectType):
    pass


class OtopStarsMutations(graphene.ObjectType):
    pass
