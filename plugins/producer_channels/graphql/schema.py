import graphene


class ProducerChannelsQueries(graphene.ObjectType):
    pass


class ProducerChannelsMutations(graphene.ObjectType):
    pass
