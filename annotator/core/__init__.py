"""The Qt-free domain: dataclasses, label schema, span maths and validation."""
