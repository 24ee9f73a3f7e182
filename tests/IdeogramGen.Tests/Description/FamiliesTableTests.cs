using System;
using System.Linq;
using IdeogramGen.ApiDescription;

namespace IdeogramGen.Tests.Description;

/// <summary>The runtime's EndpointFamilies enum is the description's family table, member for member.</summary>
public class FamiliesTableTests
{
    [Fact]
    public void Runtime_enum_has_one_member_per_family_with_the_same_flag()
    {
        var members = Enum.GetValues<EndpointFamilies>()
            .Where(f => f != EndpointFamilies.None && f != EndpointFamilies.All)
            .Select(f => (f.ToString(), (int)f));
        Assert.Equal(ApiFamilies.All, members);
        Assert.Equal((int)EndpointFamilies.All, ApiFamilies.AllFlags);
        Assert.Equal(0, (int)EndpointFamilies.None);
    }

    [Fact]
    public void Every_endpoint_belongs_to_a_family_of_the_table()
    {
        // The generation polls are no family: a client that selects an async-capable family gets them.
        foreach (var endpoint in IdeogramApi.Endpoints)
            if (endpoint.Mode == EndpointMode.Poll) Assert.Equal("", endpoint.Family);
            else Assert.NotEqual(0, ApiFamilies.Flag(endpoint.Family));
        Assert.All(ApiFamilies.All, f => Assert.Contains(IdeogramApi.Endpoints, e => e.Family == f.Name));
    }
}
