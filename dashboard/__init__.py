"""The dashboard room: the Streamlit app analysts browse the graph in."""
