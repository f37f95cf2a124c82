-- Neovim's own LSP client against the language server, with only APIs that Debian's Neovim 0.7 has:
-- open a plan, attach the server, wait for its first diagnostics, print them as JSON on stdout, quit.
--   KNL_NODE=node KNL_SERVER=bin/kube-netlint-language-server.js KNL_PLAN=plan.yaml \
--     nvim --headless --clean -n -c 'luafile test/support/nvim-lsp.lua'
local plan = os.getenv('KNL_PLAN')
vim.cmd('edit ' .. vim.fn.fnameescape(plan))
local bufnr = vim.api.nvim_get_current_buf()

local published = false
local client_id = vim.lsp.start_client({
  name = 'kube-netlint',
  cmd = { os.getenv('KNL_NODE'), os.getenv('KNL_SERVER'), '--stdio' },
  root_dir = vim.fn.fnamemodify(plan, ':p:h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      published = true
    end,
  },
})
vim.lsp.buf_attach_client(bufnr, client_id)

local arrived = vim.wait(15000, function() return published end, 20)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(diagnostics, {
    code = d.code,
    source = d.source,
    severity = d.severity,
    message = d.message,
    lnum = d.lnum,
    col = d.col,
    end_lnum = d.end_lnum,
    end_col = d.end_col,
  })
end
io.stdout:write(vim.fn.json_encode({ arrived = arrived, filetype = vim.bo.filetype, diagnostics = diagnostics }) .. '\n')
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
