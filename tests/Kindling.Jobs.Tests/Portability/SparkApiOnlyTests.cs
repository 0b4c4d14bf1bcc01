using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Kindling.Jobs.Tests.Portability;

/// <summary>
/// The jobs must compile against Microsoft.Spark as well: they may use Kindling only through the
/// <c>Kindling.Sql*</c> namespaces, whose public surface the engine's ApiSurfaceTests keep equal to
/// Microsoft.Spark's listing. This reads the compiled jobs assembly's type references.
/// </summary>
public sealed class SparkApiOnlyTests
{
    [Fact]
    public void Jobs_Reference_No_Kindling_Type_Outside_The_Spark_Api()
    {
        string path = typeof(Program).Assembly.Location;
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var kindlingTypes = new List<string>();
        foreach (var handle in metadata.TypeReferences)
        {
            var type = metadata.GetTypeReference(handle);
            if (type.ResolutionScope.Kind != HandleKind.AssemblyReference) continue;
            var assembly = metadata.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope);
            if (metadata.GetString(assembly.Name) != "Kindling") continue;
            kindlingTypes.Add(metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name));
        }
        Assert.Contains("Kindling.Sql.DataFrame", kindlingTypes);
        Assert.Contains("Kindling.Sql.Expressions.Window", kindlingTypes);
        Assert.All(kindlingTypes, t => Assert.StartsWith("Kindling.Sql.", t));
    }
}
