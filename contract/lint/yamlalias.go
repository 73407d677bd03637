package lint

import "gopkg.in/yaml.v3"

type yamlNode = yaml.Node

const (
	yamlMapping  = yaml.MappingNode
	yamlSequence = yaml.SequenceNode
	yamlScalar   = yaml.ScalarNode
)
