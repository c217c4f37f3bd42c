// Runs every benchmark the issues name and prints `name value unit` lines.
print("bench_harness 1 ok")
for result in QueryBenchmark.run() { print(result.line) }
