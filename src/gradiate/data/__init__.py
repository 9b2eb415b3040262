"""Files on the wire: ``FileData``, the path policy, the app's file cache and media codecs.

- ``file_data``: the ``{"path", "url", …, "meta": {"_type": "gradio.FileData"}}`` dicts;
- ``paths``: the one policy deciding which paths may be read, served or accepted;
- ``cache``: content-addressed storage of every file that crosses the wire, with clean-up;
- ``app_files``: an app's cache and policy together, as the context of pre/postprocessing.

Nothing here is imported by ``import gradiate``; components import it when they process.
"""
