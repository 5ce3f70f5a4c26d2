"""Actors: the organization that acts in the clause of an amount or target."""
