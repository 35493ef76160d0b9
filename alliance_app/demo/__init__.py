"""The demo alliance: 73 members led by 小米(武汉), their projects, resources, labs, events and figures."""

from alliance_app.demo.generate import generate_demo
from alliance_app.demo.load import DemoRefused, load_demo

__all__ = ["DemoRefused", "generate_demo", "load_demo"]
