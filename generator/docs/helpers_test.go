package docs

import "github.com/contractfirst/toolkit/generator"

func names(files []generator.File) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.Name
	}
	return out
}
