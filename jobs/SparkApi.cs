// The jobs are written against the Spark DataFrame API only. These global usings pick its implementation:
// Kindling's embedded engine by default, or .NET for Apache Spark when built with -p:SparkBackend=Microsoft.Spark
// (then the same sources run under spark-submit with Microsoft.Spark's DotnetRunner). No job file names either.
#if MICROSOFT_SPARK
global using Microsoft.Spark.Sql;
global using Microsoft.Spark.Sql.Expressions;
global using static Microsoft.Spark.Sql.Functions;
#else
global using Kindling.Sql;
global using Kindling.Sql.Expressions;
global using static Kindling.Sql.Functions;
#endif
