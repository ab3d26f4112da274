import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { connectLucid } from './api/connect'
import { App } from './components/App'
import './styles.css'

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root')
const root = createRoot(container)

connectLucid().then(
  (api) => {
    root.render(
      <StrictMode>
        <App api={api} />
      </StrictMode>
    )
  },
  (error: unknown) => {
    root.render(
      <p className="fatal">{error instanceof Error ? error.message : 'Lucid could not start'}</p>
    )
  }
)
