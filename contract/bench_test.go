package contract

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// largestCorpusFile is the biggest contract of the shared corpus.
func largestCorpusFile(b *testing.B) string {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.json"))
	if len(files) == 0 {
		b.Skip("corpus not found")
	}
	sort.Slice(files, func(i, j int) bool {
		si, _ := os.Stat(files[i])
		sj, _ := os.Stat(files[j])
		return si.Size() > sj.Size()
	})
	return files[0]
}

// benchFile is TOOLKIT_BENCH_CONTRACT (for example GitHub's description)
// or the largest corpus contract.
func benchFile(b *testing.B) string {
	if p := os.Getenv("TOOLKIT_BENCH_CONTRACT"); p != "" {
		return p
	}
	return largestCorpusFile(b)
}

func BenchmarkLoad(b *testing.B) {
	path := benchFile(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(path, LoadOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	path := benchFile(b)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		doc, err := Load(path, LoadOptions{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := Build(doc); err != nil {
			b.Fatal(err)
		}
	}
}
